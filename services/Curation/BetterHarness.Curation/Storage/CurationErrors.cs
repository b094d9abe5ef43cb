namespace BetterHarness.Curation.Storage;

/// <summary>An id the store does not know: answered with 404.</summary>
public sealed class UnknownIdException(string message) : Exception(message);

/// <summary>The request cannot apply to the item's current state (decided, leased by someone else, retired …): 409.</summary>
public sealed class ReviewConflictException(string message) : Exception(message);
