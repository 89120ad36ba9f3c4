package dev.sessionkit.examples;

import dev.sessionkit.ErrorCode;
import org.eclipse.jetty.http.HttpException;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * Jetty's own answers, in the envelope every route uses. Jetty answers by itself what it refuses
 * before any handler runs: a malformed request line or header, a target it cannot read as a URI
 * ({@code GET *}, {@code /%zz}), headers over the limit, a Content-Length or transfer coding it cannot
 * frame a body by, an Expect other than 100-continue. Each comes here, with Jetty's status and reason.
 *
 * <p>The envelope's status is always its code's, so statuses no {@link ErrorCode} has become the
 * nearest one: any other client error (431 headers too large, 414 URI too long, 417, 505 unknown HTTP
 * version, 501 for a transfer coding Jetty lacks) is a 400 {@link ErrorCode#INVALID_ARGUMENT} with
 * Jetty's reason, and any other server error a 500 {@link ErrorCode#INTERNAL_ERROR}, whose cause is
 * never shown.
 */
final class JsonErrorHandler implements Request.Handler {
  @Override
  public boolean handle(Request request, Response response, Callback callback) throws Exception {
    int status = response.getStatus();
    String reason = (String) request.getAttribute(ErrorHandler.ERROR_MESSAGE);
    if (request.getAttribute(ErrorHandler.ERROR_EXCEPTION) instanceof HttpException failure) {
      status = failure.getCode();
      reason = failure.getReason();
    }
    ErrorCode code = codeOf(status);
    String message = code == ErrorCode.INTERNAL_ERROR ? "internal error"
        : reason == null || reason.isBlank() ? HttpStatus.getMessage(status) : reason;
    HttpCall.send(response, code.httpStatus(), HttpCall.JSON_TYPE, HttpCall.errorBody(code, message), callback);
    return true;
  }

  static ErrorCode codeOf(int status) {
    return switch (status) {
      case 404 -> ErrorCode.NOT_FOUND;
      case 405 -> ErrorCode.METHOD_NOT_ALLOWED;
      case 413 -> ErrorCode.PAYLOAD_TOO_LARGE;
      case 415 -> ErrorCode.UNSUPPORTED_MEDIA_TYPE;
      case 429 -> ErrorCode.TOO_MANY_REQUESTS;
      // The server does not do what the request asks for: the request's fault, not the server's.
      case 501, 505 -> ErrorCode.INVALID_ARGUMENT;
      default -> HttpStatus.isServerError(status) ? ErrorCode.INTERNAL_ERROR : ErrorCode.INVALID_ARGUMENT;
    };
  }

  /** It only writes an answer it has in memory. */
  @Override
  public InvocationType getInvocationType() {
    return InvocationType.NON_BLOCKING;
  }
}
