using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;

namespace BetterHarness.ServiceDefaults.Security;

/// <summary>
/// When API keys are configured, every request except health checks must carry one
/// (<c>Authorization: Bearer KEY</c> or <c>X-Api-Key: KEY</c>): HTTP 401, gRPC UNAUTHENTICATED otherwise.
/// </summary>
public sealed class ApiKeyMiddleware(RequestDelegate next, IReadOnlyList<string> keys)
{
    private readonly byte[][] _keys = keys.Select(Encoding.UTF8.GetBytes).ToArray();

    public Task InvokeAsync(HttpContext context)
    {
        if (_keys.Length == 0 || context.Request.Path.StartsWithSegments("/health") || IsValid(context.Request))
            return next(context);
        return Reject(context);
    }

    private bool IsValid(HttpRequest request)
    {
        var presented = request.Headers["X-Api-Key"].ToString();
        if (presented.Length == 0)
        {
            var auth = request.Headers.Authorization.ToString();
            if (auth.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)) presented = auth[7..].Trim();
        }
        if (presented.Length == 0) return false;
        var bytes = Encoding.UTF8.GetBytes(presented);
        // Fixed-time comparison so the key cannot be guessed byte by byte from response timing.
        return _keys.Any(k => CryptographicOperations.FixedTimeEquals(k, bytes));
    }

    private static Task Reject(HttpContext context)
    {
        const string message = "missing or invalid API key: send 'Authorization: Bearer <key>' or 'X-Api-Key: <key>'";
        if (context.Request.ContentType?.StartsWith("application/grpc", StringComparison.Ordinal) == true)
        {
            // Trailers-only gRPC response: status 16 = UNAUTHENTICATED.
            context.Response.StatusCode = 200;
            context.Response.ContentType = "application/grpc";
            context.Response.Headers["grpc-status"] = "16";
            context.Response.Headers["grpc-message"] = Uri.EscapeDataString(message);
            return Task.CompletedTask;
        }
        context.Response.StatusCode = StatusCodes.Status401Unauthorized;
        context.Response.Headers.WWWAuthenticate = "Bearer";
        return context.Response.WriteAsJsonAsync(new { error = message });
    }
}
