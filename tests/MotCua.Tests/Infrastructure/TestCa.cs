using System.Diagnostics;

namespace MotCua.Tests.Infrastructure;

/// <summary>
/// The test CA and unit certificates that <c>scripts/test-ca.sh</c> makes (openssl), once per test run, in a temp folder.
/// Also an NSS database trusting the CA, for poppler's <c>pdfsig -nssdir</c>.
/// </summary>
public static class TestCa
{
    public const string Password = "motcua-demo";

    /// <summary>A unit code that gets its own certificate, distinct from the default one.</summary>
    public const string OwnUnit = "999.99.99.T99";

    private static readonly Lazy<string> Made = new(Make);

    public static string Folder => Made.Value;
    public static string DefaultPkcs12 => Path.Combine(Folder, "default.p12");
    public static string OwnUnitPkcs12 => Path.Combine(Folder, OwnUnit + ".p12");
    public static string CaPem => Path.Combine(Folder, "ca.pem");
    public static string NssDirectory => Path.Combine(Folder, "nss");

    private static string Make()
    {
        var folder = Path.Combine(Path.GetTempPath(), "motcua-ca-" + Guid.NewGuid().ToString("N")[..8]);
        Run(Path.Combine(RepositoryRoot(), "scripts", "test-ca.sh"), folder, OwnUnit);
        var nss = Path.Combine(folder, "nss");
        Directory.CreateDirectory(nss);
        Run("certutil", "-N", "-d", "sql:" + nss, "--empty-password");
        Run("certutil", "-A", "-d", "sql:" + nss, "-n", "MotCua Test CA", "-t", "CT,C,C", "-i", Path.Combine(folder, "ca.pem"));
        AppDomain.CurrentDomain.ProcessExit += (_, _) => Directory.Delete(folder, recursive: true);
        return folder;
    }

    /// <summary>Runs a program to its end; its standard output, or an exception with its error output.</summary>
    public static string Run(string program, params string[] arguments)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException(program + " did not start");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        return process.ExitCode == 0 ? output.Result : throw new InvalidOperationException($"{program} exited with {process.ExitCode}: {error}{output.Result}");
    }

    private static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "MotCua.slnx")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("MotCua.slnx not found above " + AppContext.BaseDirectory);
    }
}
