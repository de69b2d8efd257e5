namespace StructuredStream.Api.Models.Simulated;

/// <summary>The fault the <c>error</c> scenario raises, standing for a provider failing mid-stream.</summary>
public sealed class SimulatedModelException : Exception
{
    /// <summary>Creates the exception.</summary>
    public SimulatedModelException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception.</summary>
    public SimulatedModelException()
    {
    }

    /// <summary>Creates the exception.</summary>
    public SimulatedModelException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
