using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace BetterHarness.ServiceDefaults.Security;

/// <summary>
/// Endpoint metadata: the route takes a bulk body (imports) up to <see cref="SecurityOptions.MaxBulkRequestBytes"/>. On a
/// page model class as <c>[BulkBody]</c>; on a mapped route as <c>.AcceptsBulkBody()</c>.
/// </summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Method)]
public sealed class BulkBodyAttribute : Attribute;

/// <summary>
/// Bounds every request body: <see cref="SecurityOptions.MaxRequestBytes"/> for ordinary API calls and form posts,
/// <see cref="SecurityOptions.MaxBulkRequestBytes"/> for routes marked <see cref="AcceptsBulkBody{TBuilder}"/>. A larger
/// body gets 413 naming the limit. OTLP routes (role <see cref="Role.Ingest"/>) keep their own, larger limit.
/// </summary>
public sealed class RequestBodyLimit(RequestDelegate next, SecurityOptions options)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var metadata = context.GetEndpoint()?.Metadata;
        long? limit = null;
        if (metadata?.GetMetadata<RoleRequirement>()?.Role != Role.Ingest
            && context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } feature)
        {
            limit = metadata?.GetMetadata<BulkBodyAttribute>() is not null ? options.MaxBulkRequestBytes : options.MaxRequestBytes;
            feature.MaxRequestBodySize = limit;
        }
        try
        {
            await next(context);
        }
        catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge && !context.Response.HasStarted)
        {
            context.Response.Clear();
            context.Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
            await context.Response.WriteAsJsonAsync(new
            {
                error = $"the request body is larger than the {limit ?? options.MaxRequestBytes:N0}-byte limit of {context.Request.Method} {context.Request.Path}",
            });
        }
    }
}

public static class RequestBodyLimitExtensions
{
    /// <summary>Lets the route take a body up to <see cref="SecurityOptions.MaxBulkRequestBytes"/> (imports of many lines).</summary>
    public static TBuilder AcceptsBulkBody<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new BulkBodyAttribute());
}
