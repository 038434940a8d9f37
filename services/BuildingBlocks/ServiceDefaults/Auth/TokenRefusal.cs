using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Http;
using Microsoft.IdentityModel.Tokens;
using PerfPlatform.ServiceDefaults.Errors;

namespace PerfPlatform.ServiceDefaults.Auth;

/// <summary>
/// A request without a usable token is answered UNAUTHENTICATED (HTTP 401) in the shape of every other error, with a
/// Chinese message saying what is wrong with the token, and the WWW-Authenticate challenge of RFC 6750 §3: no error
/// code when no token came, error="invalid_token" otherwise. The header's error_description stays English, because
/// the RFC allows only printable ASCII there.
/// </summary>
public static class TokenRefusal
{
    public const int Unauthenticated = 16;

    public static async Task WriteAsync(JwtBearerChallengeContext context)
    {
        context.HandleResponse();
        var (message, description) = Describe(context.AuthenticateFailure, context.Request.Headers.Authorization.Count > 0);
        context.Response.Headers.WWWAuthenticate = description is null
            ? $"Bearer realm=\"{context.Options.TokenValidationParameters.ValidAudience}\""
            : $"Bearer realm=\"{context.Options.TokenValidationParameters.ValidAudience}\", error=\"invalid_token\", error_description=\"{description}\"";
        await ErrorResponse.WriteAsync(context.HttpContext, StatusCodes.Status401Unauthorized, Unauthenticated, message, context.HttpContext.RequestAborted);
    }

    /// <summary>The Chinese message and the header's description (null: no token was sent).</summary>
    public static (string Message, string? Description) Describe(Exception? failure, bool authorizationSent) => failure switch
    {
        null when !authorizationSent => ("缺少访问令牌：请在请求头中以 Authorization: Bearer <令牌> 提供。", null),
        // With several token handlers the failures come together; with one (as here) an aggregate holds just its own.
        AggregateException { InnerExceptions.Count: 1 } e => Describe(e.InnerExceptions[0], authorizationSent),
        null => ("访问令牌格式不正确：Authorization 头应为 Bearer <令牌>。", "The Authorization header is not a Bearer token"),
        SecurityTokenExpiredException e => ($"访问令牌已过期（过期时间 {e.Expires:yyyy-MM-dd HH:mm:ss} UTC），请重新获取。", "The token expired"),
        SecurityTokenNotYetValidException => ("访问令牌尚未生效，请检查签发时间或本机时钟。", "The token is not valid yet"),
        SecurityTokenInvalidSignatureException or SecurityTokenSignatureKeyNotFoundException =>
            ("访问令牌签名无效：令牌不是由受信任的密钥签发的。", "The token signature is invalid"),
        SecurityTokenInvalidIssuerException e => ($"访问令牌的签发者不受信任：{Quote.Of(e.InvalidIssuer)}。", "The token issuer is not trusted"),
        SecurityTokenInvalidAudienceException => ("访问令牌不是签发给本平台的（受众不符）。", "The token audience is invalid"),
        SecurityTokenNoExpirationException => ("访问令牌没有过期时间。", "The token has no expiration"),
        SecurityTokenMalformedException or ArgumentException => ("访问令牌格式不正确：不是有效的 JWT。", "The token is malformed"),
        _ => ("访问令牌无效。", "The token is invalid"),
    };
}
