using System.CommandLine;

namespace BetterHarness.Host.Commands;

/// <summary><c>bh up</c>: the whole pipeline in one process on the in-memory transport.</summary>
public static class UpCommand
{
    public static Command Create()
    {
        var binder = new HostOptionsBinder();
        var command = new Command("up", "Run every service in one process (embedded mode: in-memory bus, SQLite under --data-dir).");
        binder.AddTo(command);
        command.SetAction((result, ct) =>
            ServiceRunner.RunAsync(ServiceCatalog.All(), binder.Overrides(result, "inmemory"), banner: true, ct));
        return command;
    }
}
