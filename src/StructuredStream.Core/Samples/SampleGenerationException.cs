namespace StructuredStream.Samples;

/// <summary>A schema for which no valid sample could be written (for example, contradictory keywords).</summary>
public sealed class SampleGenerationException : Exception
{
    /// <summary>Creates the exception.</summary>
    public SampleGenerationException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception.</summary>
    public SampleGenerationException()
    {
    }

    /// <summary>Creates the exception.</summary>
    public SampleGenerationException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
