namespace StructuredStream.Schemas;

/// <summary>A schema was refused; <see cref="Problems"/> lists every reason found.</summary>
public sealed class SchemaException : Exception
{
    /// <summary>Creates the exception for one or more problems.</summary>
    public SchemaException(IReadOnlyList<SchemaProblem> problems)
        : base(Describe(problems))
    {
        Problems = problems;
    }

    /// <summary>Creates the exception for one problem with the whole schema.</summary>
    public SchemaException(string message)
        : this([new SchemaProblem("", message)])
    {
    }

    /// <summary>Creates the exception (for serializers; prefer the other constructors).</summary>
    public SchemaException()
        : this("The schema is not accepted.")
    {
    }

    /// <summary>Creates the exception with an inner cause.</summary>
    public SchemaException(string message, Exception innerException)
        : base(message, innerException)
    {
        Problems = [new SchemaProblem("", message)];
    }

    /// <summary>Every problem found, in schema order.</summary>
    public IReadOnlyList<SchemaProblem> Problems { get; }

    private static string Describe(IReadOnlyList<SchemaProblem> problems)
    {
        ArgumentNullException.ThrowIfNull(problems);
        return problems.Count switch
        {
            0 => "The schema is not accepted.",
            1 => $"The schema is not accepted: {problems[0]}",
            _ => $"The schema is not accepted: {problems[0]} (and {problems.Count - 1} more)",
        };
    }
}
