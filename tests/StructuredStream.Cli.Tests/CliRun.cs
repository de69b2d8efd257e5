using System.Diagnostics;
using System.Text;

namespace StructuredStream.Cli.Tests;

/// <summary>What one command line printed and returned.</summary>
internal sealed record CliRun(int ExitCode, string Output, string Error)
{
    public string[] Lines => Output.Split('\n', StringSplitOptions.RemoveEmptyEntries);

    /// <summary>Runs in process, with the given standard input.</summary>
    public static CliRun InProcessWithInput(string input, params string[] args)
    {
        using var output = new MemoryStream();
        using var error = new StringWriter();
        using var stdin = new MemoryStream(Encoding.UTF8.GetBytes(input));
        var code = CliApplication.Run(args, output, error, stdin);
        return new CliRun(code, Encoding.UTF8.GetString(output.ToArray()), error.ToString());
    }

    public static CliRun InProcess(params string[] args) => InProcessWithInput("", args);

    /// <summary>Runs the real tool in its own process, as a shell would.</summary>
    public static CliRun AsProcess(params string[] args)
    {
        var tool = Path.Combine(AppContext.BaseDirectory, "structured-stream.dll");
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(tool);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        process.WaitForExit();
        return new CliRun(process.ExitCode, output.Result, error.Result);
    }
}
