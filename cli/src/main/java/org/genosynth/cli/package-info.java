/**
 * The genosynth command line: thin picocli commands that parse options, call one library method and print its result.
 */
package org.genosynth.cli;
