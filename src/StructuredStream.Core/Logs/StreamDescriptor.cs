namespace StructuredStream.Logs;

/// <summary>What a stream is, fixed when it starts.</summary>
/// <param name="Id">The stream's id.</param>
/// <param name="SchemaHash">The schema's hash (see <c>CompiledSchema.Hash</c>).</param>
/// <param name="Model">The model that writes it.</param>
/// <param name="CreatedAt">When it started.</param>
public sealed record StreamDescriptor(string Id, string SchemaHash, string Model, DateTimeOffset CreatedAt)
{
    /// <summary>Whose stream it is: a service with several tenants answers for it to its tenant only.</summary>
    public string? Tenant { get; init; }

    /// <summary>The named schema it was started with, if any.</summary>
    public string? SchemaId { get; init; }

    /// <summary>The stream this one regenerates or continues, if any.</summary>
    public string? RelatedTo { get; init; }

    /// <summary>
    /// The request that started it, as the service received it (JSON), so that any instance can regenerate or
    /// continue the stream later.
    /// </summary>
    public string? Request { get; init; }
}
