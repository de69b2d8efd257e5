using StructuredStream.Api.Access;
using StructuredStream.Api.Admission;
using StructuredStream.Api.Cluster;
using StructuredStream.Api.Demo;
using StructuredStream.Api.Diagnostics;
using StructuredStream.Api.Models;
using StructuredStream.Api.OpenApi;
using StructuredStream.Api.Schemas;
using StructuredStream.Api.Streams;
using StructuredStream.Logs;
using StructuredStream.Redis;
using StructuredStream.Schemas;

namespace StructuredStream.Api.Hosting;

/// <summary>Wires the service: its parts in the order of the data flow, then the endpoints.</summary>
public static class ServiceRegistration
{
    /// <summary>Adds the service's parts, configured from <see cref="ServiceOptions.Section"/>.</summary>
    public static IServiceCollection AddStructuredStream(this IServiceCollection services, IConfiguration configuration)
    {
        var options = configuration.GetSection(ServiceOptions.Section).Get<ServiceOptions>() ?? new ServiceOptions();
        services.AddSingleton(options);
        services.AddSingleton(options.Model);
        services.AddSingleton(options.Streams);
        services.AddSingleton(options.Admission);
        services.AddSingleton(options.Access);
        services.AddSingleton(new ApiKeys(options.Access));
        services.AddAccessLimits(options.Access);
        services.AddSingleton(provider => new GenerationAdmission(options.Admission, provider.GetRequiredService<IAdmissionSlots>(), provider.GetRequiredService<TimeProvider>()));
        services.AddSingleton(TimeProvider.System);
        services.AddMetrics();
        services.AddSingleton<StreamMetrics>();
        services.AddSingleton(_ => new SchemaCache());
        services.AddSingleton(provider =>
        {
            // With the Redis log, tenants' schemas are shared by the instances too.
            var catalog = new SchemaCatalog(provider.GetRequiredService<SchemaCache>(), provider.GetService<StructuredStream.Redis.RedisSchemaStore>(), options.Access.MaxSchemasPerTenant);
            var directory = Path.Combine(AppContext.BaseDirectory, options.SchemasDirectory);
            if (Directory.Exists(directory))
            {
                catalog.LoadDirectory(directory);
            }

            return catalog;
        });
        services.AddStreamLog(options);
        services.AddSingleton(provider => new ModelClient(options.Model, provider.GetRequiredService<SchemaCache>(), provider.GetRequiredService<TimeProvider>()));
        services.AddSingleton(provider => new ModelCallPolicy(options.Model, provider.GetRequiredService<TimeProvider>()));
        services.AddSingleton(provider => new GenerationServices(
            provider.GetRequiredService<IStreamLog>(),
            provider.GetRequiredService<ModelClient>(),
            provider.GetRequiredService<ModelCallPolicy>(),
            options.Model,
            options.Streams,
            provider.GetRequiredService<TimeProvider>(),
            provider.GetRequiredService<StreamMetrics>()));
        services.AddSingleton<StreamHub>();
        services.AddSingleton<AdoptedStreamEnder>();
        services.AddSingleton<EventFeed>();
        services.AddSingleton<StreamStateReader>();
        services.AddSingleton<CreateStreamRequestReader>();
        // Bodies carry schemas: deep enough for the schema limit (64 levels) to be the one that answers.
        services.ConfigureHttpJsonOptions(json => json.SerializerOptions.MaxDepth = 256);
        // Binding failures throw in every environment, so that the problem says what could not be bound.
        services.Configure<Microsoft.AspNetCore.Routing.RouteHandlerOptions>(routes => routes.ThrowOnBadRequest = true);
        services.AddProblemDetails(problems => problems.CustomizeProblemDetails = context =>
        {
            // The framework's own refusals (routing, content type, binding) come without a detail; say what to do.
            var problem = context.ProblemDetails;
            if (context.Exception is BadHttpRequestException bad)
            {
                problem.Status = bad.StatusCode;
                problem.Title = "The request is not valid";
                problem.Detail = bad.Message;
                return;
            }

            if (context.Exception is { } redis && RedisFailure.IsUnavailable(redis))
            {
                // Redis (streams, schemas, admission across instances) will likely be back: say so, and when to retry.
                // Not its message: it names the server, the connection and its queues (the exception handler logs it).
                context.HttpContext.Response.Headers.RetryAfter = "5";
                problem.Title = "Redis is unavailable";
                problem.Detail = "The service could not reach Redis, which holds its streams and schemas; try again shortly.";
                return;
            }

            problem.Detail ??= problem.Status switch
            {
                StatusCodes.Status415UnsupportedMediaType => $"The body must be JSON (Content-Type: application/json), not '{context.HttpContext.Request.ContentType ?? "none"}'.",
                StatusCodes.Status404NotFound => $"There is no endpoint at {context.HttpContext.Request.Path}; see /swagger for the API.",
                StatusCodes.Status405MethodNotAllowed => $"{context.HttpContext.Request.Method} is not allowed on {context.HttpContext.Request.Path}; see /swagger for the API.",
                _ => null,
            };
        });
        services.AddSingleton<IProblemDetailsWriter, ProblemJsonWriter>();
        services.AddHealthChecks();
        services.AddEventCompression(options.Streams);
        services.AddStructuredStreamSwagger();
        return services;
    }

    /// <summary>Maps the endpoints, Swagger UI, the demo page and the health check.</summary>
    public static WebApplication MapStructuredStream(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        // Fail at start, not at the first request, when the configuration or a shipped schema is wrong.
        app.Services.GetRequiredService<SchemaCatalog>();
        app.Services.GetRequiredService<ModelClient>();
        app.Services.GetRequiredService<IStreamLog>();
        // A request the framework cannot bind (a query value that is not a number, say) is the client's error.
        app.UseExceptionHandler(new ExceptionHandlerOptions
        {
            StatusCodeSelector = e => e switch
            {
                BadHttpRequestException bad => bad.StatusCode,
                _ when RedisFailure.IsUnavailable(e) => StatusCodes.Status503ServiceUnavailable,
                _ => StatusCodes.Status500InternalServerError,
            },
        });
        app.UseStatusCodePages();
        LoopbackGuard.Watch(app);
        // Before the server waits for open requests: those are readers waiting for their streams' final events.
        app.Lifetime.ApplicationStopping.Register(() => app.Services.GetRequiredService<StreamHub>().StopAllAsync().Wait(TimeSpan.FromSeconds(10)));
        app.UseCors();
        app.UseEventCompression(app.Services.GetRequiredService<StreamOptions>());
        app.UseMiddleware<ApiKeyMiddleware>();
        app.UseRateLimiter();
        app.UseStructuredStreamSwagger();
        app.MapDemoPage();
        app.MapHealthChecks("/healthz");
        app.MapStreamEndpoints();
        app.MapSchemaEndpoints();
        return app;
    }
}
