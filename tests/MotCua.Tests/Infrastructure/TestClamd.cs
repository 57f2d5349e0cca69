using System.Diagnostics;
using System.Net.Sockets;

namespace MotCua.Tests.Infrastructure;

/// <summary>
/// One real ClamAV daemon (clamd, Debian package clamav-daemon) for the whole test run, listening on a Unix socket.
/// Signatures cannot be downloaded here, so it loads one body signature written below, which matches the EICAR test
/// file (ClamAV signature format .ndb: Name:TargetType:Offset:HexSignature; 0 = any file, * = anywhere).
/// </summary>
public static class TestClamd
{
    /// <summary>The EICAR anti-malware test file: harmless, and every scanner reports it.</summary>
    public static readonly byte[] Eicar = "X5O!P%@AP[4\\PZX54(P^)7CC)7}$EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*"u8.ToArray();

    private static readonly Lazy<string> Started = new(Start);

    /// <summary>The <c>MotCua:Scanning:Clamd</c> address of the running daemon; starts it on first use.</summary>
    public static string Address => Started.Value;

    private static string Start()
    {
        var directory = Path.Combine(Path.GetTempPath(), "motcua-clamd-" + Guid.NewGuid().ToString("N")[..8]);
        var signatures = Path.Combine(directory, "db");
        Directory.CreateDirectory(signatures);
        File.WriteAllText(Path.Combine(signatures, "motcua-test.ndb"), "MotCua.Test.EICAR:0:*:" + Convert.ToHexStringLower(Eicar) + "\n");
        var socket = Path.Combine(directory, "clamd.sock");
        var configuration = Path.Combine(directory, "clamd.conf");
        File.WriteAllText(configuration, $"""
            LocalSocket {socket}
            DatabaseDirectory {signatures}
            LogFile {Path.Combine(directory, "clamd.log")}
            Foreground yes
            Bytecode no
            StreamMaxLength 20M
            """);
        var clamd = Process.Start(new ProcessStartInfo("/usr/sbin/clamd") { ArgumentList = { "--config-file=" + configuration }, UseShellExecute = false })
            ?? throw new InvalidOperationException("clamd did not start (apt-get install clamav-daemon)");
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            clamd.Kill();
            clamd.WaitForExit();
            Directory.Delete(directory, recursive: true);
        };

        // Ready when it answers PING on its socket (it loads its signatures first).
        var deadline = Stopwatch.StartNew();
        while (!AnswersPing(socket))
        {
            if (clamd.HasExited || deadline.Elapsed > TimeSpan.FromMinutes(2))
            {
                throw new InvalidOperationException("clamd did not come up: " + File.ReadAllText(Path.Combine(directory, "clamd.log")));
            }

            Thread.Sleep(100);
        }

        return "unix:" + socket;
    }

    private static bool AnswersPing(string socketPath)
    {
        if (!File.Exists(socketPath))
        {
            return false;
        }

        try
        {
            using var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
            socket.Connect(new UnixDomainSocketEndPoint(socketPath));
            socket.Send("zPING\0"u8);
            var answer = new byte[8];
            return socket.Receive(answer) >= 4 && answer.AsSpan(0, 4).SequenceEqual("PONG"u8);
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
