package org.vipboutiques.slurm;

import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.vipboutiques.execution.JobExecutor;
import org.vipboutiques.execution.ExecutorConfig;
import org.vipboutiques.execution.ExecutorFactory;
import org.vipboutiques.execution.ExecutorUnavailableException;
import org.vipboutiques.execution.container.OptionAllowance;
import org.vipboutiques.execution.job.JobStore;
import org.vipboutiques.slurm.command.CommandResult;
import org.vipboutiques.slurm.command.SlurmCommandException;
import org.vipboutiques.slurm.command.SlurmCommands;
import org.vipboutiques.slurm.command.SlurmTool;
import org.vipboutiques.slurm.script.JobOptions;
import org.vipboutiques.slurm.state.ClusterConfig;

/**
 * The {@code slurm} executor: tools as Slurm batch jobs. Making one checks that the Slurm
 * commands are there and (unless {@code probe=false}) that the controller answers, and reads
 * whether the cluster keeps accounting.
 */
public final class SlurmExecutorFactory implements ExecutorFactory {

  @Override
  public String name() {
    return "slurm";
  }

  @Override
  public String description() {
    return "Slurm batch jobs and job arrays (sbatch), in the tool's container where nodes have Docker or Apptainer";
  }

  /** {@link SlurmSettings}, the job options of {@link JobOptions} ({@code sbatch.*} included), and the paths of the Slurm commands. */
  @Override
  public Set<String> knownSettings() {
    Set<String> keys = new java.util.TreeSet<>(SlurmSettings.KEYS);
    keys.addAll(JobOptions.KEYS);
    keys.add(OptionAllowance.SETTING);
    for (SlurmTool tool : SlurmTool.values()) {
      keys.add(tool.command());
    }
    return keys;
  }

  @Override
  public Optional<JobExecutor> create(ExecutorConfig config) throws ExecutorUnavailableException {
    if (!config.name().equals(name())) {
      return Optional.empty();
    }
    SlurmSettings settings = SlurmSettings.from(config);
    Set<OptionAllowance> allowed = OptionAllowance.of(config);
    // Checked now, so that a bad partition or container value fails here rather than at each job.
    JobOptions.from(config.settings(), Map.of());
    SlurmCommands commands;
    try {
      commands = SlurmCommands.find(config.settings(), settings.commandTimeout());
    } catch (SlurmCommandException e) {
      throw new ExecutorUnavailableException(e.getMessage(), e);
    }
    ClusterConfig cluster = ClusterConfig.ASSUMED;
    if (settings.probe() && commands.has(SlurmTool.SCONTROL)) {
      try {
        CommandResult r = commands.run(SlurmTool.SCONTROL, ClusterConfig.arguments());
        if (!r.ok()) {
          throw new ExecutorUnavailableException("the Slurm controller does not answer (" + r.describe() + "); start"
              + " it (scripts/slurm-up.sh sets up a one-node test cluster) or point SLURM_CONF at the cluster's"
              + " slurm.conf");
        }
        cluster = ClusterConfig.parse(r.stdout());
      } catch (SlurmCommandException e) {
        throw new ExecutorUnavailableException("the Slurm controller does not answer: " + e.getMessage(), e);
      }
    }
    boolean accounting = switch (settings.accounting()) {
      case AUTO -> cluster.accounting();
      case YES -> true;
      case NO -> false;
    };
    if (accounting && !commands.has(SlurmTool.SACCT)) {
      accounting = false;
    }
    JobStore store;
    try {
      store = JobStore.open(settings.store());
    } catch (UncheckedIOException e) {
      throw new ExecutorUnavailableException(e.getMessage(), e);
    }
    return Optional.of(new SlurmExecutor(config, settings, commands, cluster, store, accounting, allowed));
  }
}
