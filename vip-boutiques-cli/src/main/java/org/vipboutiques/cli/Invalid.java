package org.vipboutiques.cli;

import org.vipboutiques.invocation.InvalidInvocationException;
import org.vipboutiques.invocation.InvocationError;

/** Turns an invalid invocation into the command's error output. */
final class Invalid {

  private Invalid() {}

  static CliException invocation(String source, InvalidInvocationException e) {
    StringBuilder sb = new StringBuilder(source).append(": invalid invocation");
    for (InvocationError error : e.errors()) {
      sb.append('\n').append(source).append(": ").append(error.message());
    }
    return CliException.invalid(sb.toString());
  }
}
