namespace BetterHarness.Web.Backends;

/// <summary><c>GET /api/corrections/detectors</c>: agents with correction labels and their active detector version.</summary>
public sealed record DetectorAgentList(IReadOnlyList<DetectorAgent> Agents);

public sealed record DetectorAgent(string Agent, int ActiveVersion, string? PinnedBy, int Labels, int Positives);

/// <summary><c>GET /api/corrections/detector?agent=</c>: the agent's active detector, the shipped model on its labels, every version.</summary>
public sealed record DetectorState(string Agent, DetectorFigures Active, string? PinnedBy, DetectorFigures Shipped, DetectorRescore? Rescored,
    DetectorRun? LastRun, IReadOnlyList<DetectorVersionView> Versions);

/// <param name="Source"><c>shipped</c> or <c>adapted</c>.</param>
public sealed record DetectorFigures(int Version, string Source, int Labels, int Positives, double Precision, double Recall, double F1,
    double Threshold, DateTimeOffset? CreatedAt, DetectorIntervals Intervals);

/// <summary>95% intervals, each [low, high].</summary>
public sealed record DetectorIntervals(double[] Precision, double[] Recall, double[] F1);

public sealed record DetectorVersionView(int Version, string Source, DateTimeOffset CreatedAt, int Labels, int Positives, double Threshold, bool Active,
    bool BeatsShipped, string Reason, double Precision, double Recall, double F1, DetectorIntervals Intervals, DetectorShippedFigures ShippedOnSameLabels);

public sealed record DetectorShippedFigures(double Precision, double Recall, double F1, DetectorIntervals Intervals);

public sealed record DetectorRescore(int Version, DateTimeOffset At, int Scored, int Proposed, int Withdrawn);

public sealed record DetectorRun(bool Trained, int? Version, bool ActiveChanged, string Reason);
