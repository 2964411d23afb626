package org.vipboutiques.dirac.diracx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpHeaders;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.vipboutiques.dirac.DiracAuthException;

/** A token answer that cannot be read never puts its text (its tokens) into the message, which goes to logs. */
class TokenAnswerTest {

  private static final String SECRET = "eyJhbGciOiJSUzI1NiJ9.c2VjcmV0LXRva2Vu.c2lnbmF0dXJl";

  private static DiracxHttp.Answer answer(String body) {
    return new DiracxHttp.Answer(200, HttpHeaders.of(Map.of(), (a, b) -> true),
        body.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void aReadableAnswerGivesTheTokens() throws Exception {
    Credentials c = TokenManager.tokens(answer("{\"access_token\": \"" + SECRET + "\", \"expires_in\": 100,"
        + " \"refresh_token\": \"r\"}"), Optional.empty(), 1000);
    assertEquals(SECRET, c.accessToken());
    assertEquals(Optional.of("r"), c.refreshToken());
    assertEquals(1085, c.expiresOn());
  }

  @Test
  void anUnreadableAnswerIsDescribedWithoutItsText() {
    for (String body : List.of("{\"access_token\": \"" + SECRET + "\", \"expires_in\": ",
        "[\"" + SECRET + "\"]", "{\"access_token\": \"" + SECRET + "\", \"expires_in\": \"soon\"}",
        "{\"refresh_token\": \"" + SECRET + "\"}")) {
      DiracAuthException e = assertThrows(DiracAuthException.class,
          () -> TokenManager.tokens(answer(body), Optional.empty(), 1000));
      assertFalse(e.getMessage().contains(SECRET), e.getMessage());
      assertFalse(e.getMessage().contains("c2VjcmV0"), e.getMessage());
      assertNull(e.getCause(), "a cause would carry the parser's message");
      assertTrue(e.getMessage().startsWith("DiracX's token answer (HTTP 200, " + body.length() + " bytes) is not a"),
          e.getMessage());
    }
  }
}
