package org.vipboutiques.execution.container;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.vipboutiques.execution.ExecutorConfig;
import org.vipboutiques.execution.ExecutorUnavailableException;

/**
 * What a descriptor's {@code container-opts} may do beyond the job folder, refused unless the
 * executor's {@value #SETTING} setting lists it: the developers' guide keeps credentials with their
 * origin and has the library write only inside the job folder, and a descriptor is not always
 * written by the person who runs it.
 */
public enum OptionAllowance {

  /** {@code -e NAME} with no value: the calling process's variable (a token, say) copied into the container. */
  CALLER_ENV("caller-env", "copies a variable of the calling process into the container"),
  /** {@code -v HOST:CONTAINER}: a host path the tool may read (and write, unless {@code :ro}). */
  HOST_MOUNTS("host-mounts", "mounts a host path into the container"),
  /** {@code --device /dev/...}: a host device in the container. */
  DEVICES("devices", "gives the container a host device"),
  /** {@code --network} other than {@code none} or {@code bridge}: the host's network, or another container's. */
  NETWORK("network", "joins a network other than none or bridge"),
  /** {@code --ipc host} or {@code container:...}: another IPC namespace's shared memory. */
  IPC("ipc", "shares the IPC namespace of the host or of another container"),
  /** {@code --pid}: the process namespace of the host or of another container. */
  PID("pid", "shares the process namespace of the host or of another container"),
  /** {@code --privileged}: every capability and every device of the host. */
  PRIVILEGED("privileged", "gives the container every capability and device of the host");

  /** The executor setting: a comma-separated list of {@link #settingValue()}s. */
  public static final String SETTING = "container-opts-allow";

  private final String settingValue;
  private final String what;

  OptionAllowance(String settingValue, String what) {
    this.settingValue = settingValue;
    this.what = what;
  }

  /** The name in the {@value #SETTING} setting. */
  public String settingValue() {
    return settingValue;
  }

  /** What an option of this kind does, as the refusal says it. */
  public String what() {
    return what;
  }

  /**
   * The allowances the executor's {@value #SETTING} setting lists; none when it is absent.
   *
   * @throws ExecutorUnavailableException for a name that is not an allowance, listing the known ones
   */
  public static Set<OptionAllowance> of(ExecutorConfig config) throws ExecutorUnavailableException {
    try {
      return parse(config.setting(SETTING).orElse(""));
    } catch (IllegalArgumentException e) {
      throw new ExecutorUnavailableException(config.name() + ": " + e.getMessage(), e);
    }
  }

  /**
   * The allowances a {@value #SETTING} value lists (comma-separated; blank for none), for back
   * ends that read their settings themselves.
   *
   * @throws IllegalArgumentException for a name that is not an allowance, listing the known ones
   */
  public static Set<OptionAllowance> parse(String setting) {
    Set<OptionAllowance> out = EnumSet.noneOf(OptionAllowance.class);
    for (String raw : setting.split(",")) {
      String name = raw.trim().toLowerCase(Locale.ROOT);
      if (name.isEmpty()) {
        continue;
      }
      OptionAllowance found = Arrays.stream(values()).filter(a -> a.settingValue.equals(name)).findFirst()
          .orElseThrow(() -> new IllegalArgumentException(SETTING + " cannot list \"" + name + "\"; it lists some of "
              + String.join(", ", names())));
      out.add(found);
    }
    return out;
  }

  static List<String> names() {
    List<String> out = new ArrayList<>();
    for (OptionAllowance a : values()) {
      out.add(a.settingValue);
    }
    return out;
  }
}
