using Microsoft.AspNetCore.Http;

namespace BetterHarness.Optimizer.Optimization.Api;

/// <summary>Error bodies <c>{"error": "..."}</c> that say what was wrong and what to do.</summary>
internal static class ApiError
{
    public static IResult BadRequest(string error) => Results.Json(new { error }, statusCode: StatusCodes.Status400BadRequest);

    public static IResult NotFound(string id) => Results.Json(new { error = $"optimisation {id} is unknown" }, statusCode: StatusCodes.Status404NotFound);

    public static IResult Conflict(string error) => Results.Json(new { error }, statusCode: StatusCodes.Status409Conflict);

    public static IResult Forbidden(string error) => Results.Json(new { error }, statusCode: StatusCodes.Status403Forbidden);
}
