package org.vipboutiques.execution;

/** The two output streams of a tool. */
public enum LogStream {
  STDOUT,
  STDERR
}
