using StructuredStream.Api.Hosting;

var builder = WebApplication.CreateBuilder(args);
builder.Services.AddStructuredStream(builder.Configuration);

var app = builder.Build();
app.MapStructuredStream();
app.Run();

/// <summary>The service's entry point (public for in-process tests).</summary>
public partial class Program;
