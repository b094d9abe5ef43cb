namespace BetterHarness.Ingest.Otlp;

/// <summary>
/// Base of every error this library raises for bad input, so a receiver can catch one type and map
/// the concrete kind to a status (400, 413, 415). All of them are permanent: retrying the same
/// payload cannot succeed.
/// </summary>
public abstract class OtlpException : Exception
{
    protected OtlpException(string message, Exception? inner = null) : base(message, inner) { }
}
