/**
 * The {@code vip-recon} command. Internal to the command.
 */
package org.vipboutiques.recon.cli;
