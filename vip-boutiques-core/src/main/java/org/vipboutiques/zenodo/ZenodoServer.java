package org.vipboutiques.zenodo;

/**
 * Zenodo's two servers, as the reference's {@code --sandbox} chooses them: each has its own
 * records, its own base URL and its own cache folder.
 */
public enum ZenodoServer {
  /** {@code https://zenodo.org}, cached in {@code ~/.cache/boutiques/production}. */
  PRODUCTION("https://zenodo.org", "production", "vipboutiques.zenodo-url", "VIPB_ZENODO_URL"),
  /** {@code https://sandbox.zenodo.org}, cached in {@code ~/.cache/boutiques/sandbox}. */
  SANDBOX("https://sandbox.zenodo.org", "sandbox", "vipboutiques.zenodo-sandbox-url", "VIPB_ZENODO_SANDBOX_URL");

  private final String defaultUrl;
  private final String cacheFolder;
  private final String urlProperty;
  private final String urlVariable;

  ZenodoServer(String defaultUrl, String cacheFolder, String urlProperty, String urlVariable) {
    this.defaultUrl = defaultUrl;
    this.cacheFolder = cacheFolder;
    this.urlProperty = urlProperty;
    this.urlVariable = urlVariable;
  }

  /** The reference's base URL of this server. */
  public String defaultUrl() {
    return defaultUrl;
  }

  /** The folder of the cache that holds this server's descriptors (the reference's name). */
  public String cacheFolder() {
    return cacheFolder;
  }

  /** The system property that replaces this server's base URL (a mirror, a test server). */
  public String urlProperty() {
    return urlProperty;
  }

  /** The environment variable that replaces this server's base URL (the property wins). */
  public String urlVariable() {
    return urlVariable;
  }

  /** {@link #SANDBOX} when {@code sandbox}, else {@link #PRODUCTION}. */
  public static ZenodoServer of(boolean sandbox) {
    return sandbox ? SANDBOX : PRODUCTION;
  }
}
