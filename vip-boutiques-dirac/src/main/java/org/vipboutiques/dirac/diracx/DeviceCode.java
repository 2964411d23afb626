package org.vipboutiques.dirac.diracx;

/**
 * What the user must do to finish a device-flow login: open {@code verificationUri} and enter
 * {@code userCode} (or open {@code verificationUriComplete}, which carries the code).
 */
public record DeviceCode(String userCode, String verificationUri, String verificationUriComplete, long expiresIn) {}
