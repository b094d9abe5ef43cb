using BetterHarness.Web.Backends;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Mvc.ViewFeatures;

namespace BetterHarness.Web.Hosting;

/// <summary>
/// A page whose backend service is down shows which service, where, and why (502), not a stack trace; a page whose
/// backend refused the request (bad input: 400, …) says so with the backend's status and reason.
/// </summary>
public sealed class BackendErrorFilter : IAsyncPageFilter
{
    public Task OnPageHandlerSelectionAsync(PageHandlerSelectedContext context) => Task.CompletedTask;

    public async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        var executed = await next();
        if (executed.Exception is BackendRefusedException refused)
        {
            executed.ExceptionHandled = true;
            executed.HttpContext.Response.StatusCode = refused.Status;
            executed.Result = new PartialViewResult
            {
                ViewName = "_BackendRefused",
                ViewData = new ViewDataDictionary<BackendRefusedException>(new EmptyModelMetadataProvider(), new ModelStateDictionary()) { Model = refused },
            };
            return;
        }
        if (executed.Exception is not BackendUnavailableException unavailable) return;
        executed.ExceptionHandled = true;
        executed.HttpContext.Response.StatusCode = StatusCodes.Status502BadGateway;
        executed.Result = new PartialViewResult
        {
            ViewName = "_BackendUnavailable",
            ViewData = new ViewDataDictionary<BackendUnavailableException>(new EmptyModelMetadataProvider(), new ModelStateDictionary())
            {
                Model = unavailable,
            },
        };
    }
}
