using System.CommandLine;
using StructuredStream.Schemas;

namespace StructuredStream.Cli;

/// <summary>
/// <c>check-schema FILE [--provider openai]</c>: whether the service accepts a schema, and whether it fits a provider's
/// strict structured-output subset, with every reason it does not. Exit 0 when it does, 1 when not.
/// </summary>
internal static class CheckSchemaCommand
{
    public static Command Create(Stream standardOutput, InputFiles files)
    {
        var file = new Argument<string>("FILE") { Description = "The JSON Schema to check ('-' for stdin)." };
        var provider = new Option<string>("--provider") { Description = "Also check the provider's strict structured-output subset.", HelpName = "NAME" };
        provider.AcceptOnlyFromAmong([.. ProviderSubsets.Known]);
        var command = new Command("check-schema", "Check a schema: is it accepted, and does it fit a provider's strict mode?") { file, provider };
        command.SetAction(parsed =>
        {
            var path = parsed.GetValue(file)!;
            using var reader = files.OpenText(path);
            var text = InputFiles.Reading(path, reader.ReadToEnd);
            using var output = new StreamWriter(standardOutput, leaveOpen: true);
            return Check(path, text, parsed.GetValue(provider), output);
        });
        return command;
    }

    private static int Check(string path, string text, string? provider, TextWriter output)
    {
        CompiledSchema schema;
        try
        {
            schema = SchemaLoader.Load(text);
        }
        catch (SchemaException e)
        {
            output.WriteLine($"{path}: refused");
            foreach (var problem in e.Problems)
            {
                output.WriteLine($"  {problem}");
            }

            return ExitCodes.StreamFailed;
        }

        output.WriteLine($"{path}: accepted ({schema.Hash})");
        if (provider is null)
        {
            return ExitCodes.Success;
        }

        var fit = ProviderSubsets.Check(provider, schema.Json);
        output.WriteLine(fit.Fits ? $"{provider} strict mode: fits" : $"{provider} strict mode: does not fit ({fit.Reasons.Count} reasons)");
        foreach (var reason in fit.Reasons)
        {
            output.WriteLine($"  {(reason.Location.Length == 0 ? "(root)" : reason.Location)}: {reason.Message}");
        }

        return fit.Fits ? ExitCodes.Success : ExitCodes.StreamFailed;
    }
}
