namespace BetterHarness.Ingest.Storage;

/// <summary>
/// Where a trace is in its life, stored as the integer in <c>traces.state</c>. The SQL writes the numbers where
/// SQLite's partial indexes need them literally (<c>WHERE state IN (0, 2)</c> = open or amended, see
/// 001_ingest.sql); everything in C# goes through this enum and <see cref="TraceStates.ApiName"/>.
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
