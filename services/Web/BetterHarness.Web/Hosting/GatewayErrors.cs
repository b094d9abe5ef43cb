using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Yarp.ReverseProxy.Forwarder;
using Yarp.ReverseProxy.Model;

namespace BetterHarness.Web.Hosting;

/// <summary>
/// A request the gateway could not forward (the backend is down, refused the connection, timed out) is answered with a
/// JSON error naming the service and what to do, instead of the proxy's bare 502/504 with an empty body. The status
/// stays the proxy's (502 or 504), so clients still retry it as before.
/// </summary>
public static class GatewayErrors
{
    /// <summary>The proxy pipeline: this error answer around YARP's usual steps (a custom pipeline replaces the default one).</summary>
    public static void Use(IReverseProxyApplicationBuilder proxy)
    {
        proxy.Use(AnswerAsync);
        proxy.UseSessionAffinity();
        proxy.UseLoadBalancing();
        proxy.UsePassiveHealthChecks();
    }

    private static async Task AnswerAsync(HttpContext context, Func<Task> next)
    {
        await next();
        if (context.GetForwarderErrorFeature() is not { } failure || context.Response.HasStarted) return;
        var service = context.GetReverseProxyFeature().Cluster.Config.ClusterId;
        var reason = failure.Error switch
        {
            ForwarderError.RequestTimedOut => "did not answer in time",
            ForwarderError.Request or ForwarderError.RequestCreation => "could not be reached",
            _ => "failed while answering",
        };
        if (context.Response.StatusCode < 400) context.Response.StatusCode = StatusCodes.Status502BadGateway;
        await context.Response.WriteAsJsonAsync(new
        {
            error = $"the {service} service {reason} ({failure.Error}); check that it is running (bh run {service}) and try again",
            service,
        }, context.RequestAborted);
    }
}
