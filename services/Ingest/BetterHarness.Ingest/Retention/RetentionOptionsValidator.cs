using Microsoft.Extensions.Options;

namespace BetterHarness.Ingest.Retention;

/// <summary>Start-up check of what data annotations cannot say: the interval and each per-agent override.</summary>
public sealed class RetentionOptionsValidator : IValidateOptions<RetentionOptions>
{
    public ValidateOptionsResult Validate(string? name, RetentionOptions options)
    {
        var problems = options.Problems().ToList();
        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }
}
