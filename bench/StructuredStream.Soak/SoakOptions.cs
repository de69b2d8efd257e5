using System.Globalization;

namespace StructuredStream.Soak;

/// <summary>The run's bounds: how many disconnect/resume cycles, how many streams at once, how long at most.</summary>
internal sealed record SoakOptions(int Cycles, int Concurrency, double TokensPerSecond, int Seed, TimeSpan TimeLimit)
{
    public static SoakOptions Parse(string[] args)
    {
        var options = new SoakOptions(Cycles: 1000, Concurrency: 16, TokensPerSecond: 200, Seed: 1, TimeLimit: TimeSpan.FromMinutes(10));
        for (var i = 0; i < args.Length; i += 2)
        {
            var value = i + 1 < args.Length ? args[i + 1] : throw new ArgumentException($"{args[i]} needs a value.");
            options = args[i] switch
            {
                "--cycles" => options with { Cycles = int.Parse(value, CultureInfo.InvariantCulture) },
                "--concurrency" => options with { Concurrency = int.Parse(value, CultureInfo.InvariantCulture) },
                "--tokens-per-second" => options with { TokensPerSecond = double.Parse(value, CultureInfo.InvariantCulture) },
                "--seed" => options with { Seed = int.Parse(value, CultureInfo.InvariantCulture) },
                "--time-limit-minutes" => options with { TimeLimit = TimeSpan.FromMinutes(double.Parse(value, CultureInfo.InvariantCulture)) },
                _ => throw new ArgumentException($"Unknown option {args[i]}; known: --cycles --concurrency --tokens-per-second --seed --time-limit-minutes."),
            };
        }

        return options;
    }

    public override string ToString() =>
        $"--cycles {Cycles} --concurrency {Concurrency} --tokens-per-second {TokensPerSecond.ToString(CultureInfo.InvariantCulture)} --seed {Seed} --time-limit-minutes {TimeLimit.TotalMinutes.ToString(CultureInfo.InvariantCulture)}";
}
