using StructuredStream.Api.Hosting;

// Every regex built without a match time-out gets one: JsonSchema.Net compiles patternProperties without it, and a
// catastrophic one met only by the final validation (inside `not`, say) would keep a thread busy for good. Read once,
// when the first regex is built: so before anything else. Lenient (a second), as it covers every regex of the process;
// schema patterns the engine compiles itself have their own, SchemaLimits.PatternMatchTimeout (100 ms).
AppContext.SetData("REGEX_DEFAULT_MATCH_TIMEOUT", TimeSpan.FromSeconds(1));

var builder = WebApplication.CreateBuilder(args);
builder.Services.AddStructuredStream(builder.Configuration);

var app = builder.Build();
app.MapStructuredStream();
app.Run();

/// <summary>The service's entry point (public for in-process tests).</summary>
public partial class Program;
