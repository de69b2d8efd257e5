using StructuredStream.Api.Access;
using StructuredStream.Api.Admission;
using StructuredStream.Api.Models;
using StructuredStream.Api.Streams;

namespace StructuredStream.Api.Hosting;

/// <summary>The service's configuration (section <c>StructuredStream</c>).</summary>
public sealed record ServiceOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "StructuredStream";

    /// <summary>The model.</summary>
    public ModelOptions Model { get; init; } = new();

    /// <summary>Streams and readers.</summary>
    public StreamOptions Streams { get; init; } = new();

    /// <summary>API keys and tenants, rate limits, browser origins.</summary>
    public AccessOptions Access { get; init; } = new();

    /// <summary>How many generations run and wait, per client and in all.</summary>
    public AdmissionOptions Admission { get; init; } = new();

    /// <summary>Where stream events are kept.</summary>
    public LogOptions Log { get; init; } = new();

    /// <summary>The folder of named schemas loaded at start; relative paths are under the app's folder. Default <c>schemas</c>.</summary>
    public string SchemasDirectory { get; init; } = "schemas";
}
