using System.Globalization;

namespace StructuredStream.LoadTest;

/// <summary>The run's settings, from <c>--name value</c> pairs.</summary>
internal sealed record LoadOptions
{
    public int Streams { get; init; } = 500;

    public double TokensPerSecond { get; init; } = 30;

    /// <summary>Streams start evenly over this time, as real users would not all press at the same instant.</summary>
    public TimeSpan Ramp { get; init; } = TimeSpan.FromSeconds(2);

    public string SchemaId { get; init; } = "support-ticket";

    /// <summary>Client mode: the service to load, and where to write what arrived when.</summary>
    public Uri? Target { get; init; }

    public string? Output { get; init; }

    public static LoadOptions Parse(string[] args)
    {
        var options = new LoadOptions();
        for (var i = 0; i + 1 < args.Length; i += 2)
        {
            var value = args[i + 1];
            options = args[i] switch
            {
                "--streams" => options with { Streams = int.Parse(value, CultureInfo.InvariantCulture) },
                "--tokens-per-second" => options with { TokensPerSecond = double.Parse(value, CultureInfo.InvariantCulture) },
                "--ramp-seconds" => options with { Ramp = TimeSpan.FromSeconds(double.Parse(value, CultureInfo.InvariantCulture)) },
                "--schema" => options with { SchemaId = value },
                "--target" => options with { Target = new Uri(value) },
                "--output" => options with { Output = value },
                _ => throw new ArgumentException($"Unknown option '{args[i]}'. Options: --streams N --tokens-per-second N --ramp-seconds N --schema ID."),
            };
        }

        return options;
    }

    public string[] ToClientArgs(Uri target, string output) =>
    [
        "--streams", Streams.ToString(CultureInfo.InvariantCulture),
        "--ramp-seconds", Ramp.TotalSeconds.ToString(CultureInfo.InvariantCulture),
        "--schema", SchemaId,
        "--target", target.ToString(),
        "--output", output,
    ];
}
