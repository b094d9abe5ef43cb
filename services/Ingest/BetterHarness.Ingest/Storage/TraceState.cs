namespace BetterHarness.Ingest.Storage;

/// <summary>
/// Where a trace is in its life, stored as the integer in <c>traces.state</c>. SQL takes the states as parameters,
/// except the partial indexes' condition, which SQLite needs literally (<see cref="TraceStateSql.OpenOrAmended"/>,
/// written once and checked against this enum by a test); everything in C# goes through this enum and
/// <see cref="TraceStates.ApiName"/>.
/// </summary>
public enum TraceState
{
    /// <summary>Spans are arriving; not evaluated yet.</summary>
    Open = 0,
    /// <summary>Evaluated; its signals and revision are stored.</summary>
    Completed = 1,
    /// <summary>Completed, then late spans or feedback arrived: evaluated again (next revision) once quiet.</summary>
    Amended = 2,
}

/// <summary>The one mapping from <see cref="TraceState"/> to the name the API shows.</summary>
public static class TraceStates
{
    public static string ApiName(this TraceState state) => state switch
    {
        TraceState.Open => "open",
        TraceState.Completed => "completed",
        _ => "amended",
    };
}

/// <summary>The one place the states appear as SQL literals.</summary>
public static class TraceStateSql
{
    /// <summary>
    /// Open or amended (<see cref="TraceState.Open"/>, <see cref="TraceState.Amended"/>): the condition of the partial
    /// indexes <c>traces_quiet</c> and <c>traces_age</c> (001_ingest.sql). SQLite uses a partial index only for a
    /// query that repeats its condition as written, so queries on those indexes include this text, not parameters.
    /// </summary>
    public const string OpenOrAmended = "state IN (0, 2)";
}
