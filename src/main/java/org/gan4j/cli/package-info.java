/**
 * The {@code gan4j} command line: {@code gan4j <method> <verb> [options]} on picocli. The only layer that prints
 * to the terminal (besides {@link org.gan4j.train.Progress}); a user mistake becomes one line and exit code 2, a
 * failed run one line and exit code 1, and {@code --debug} shows the stack trace.
 */
package org.gan4j.cli;
