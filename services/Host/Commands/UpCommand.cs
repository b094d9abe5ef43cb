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
        var demo = new Option<bool>("--demo")
        {
            Description = "Load the bundled sample conversations, mine and auto-accept eval cases, derive harness v1 and run one optimisation (simulated model); data in ./data-demo unless --data-dir.",
        };
        command.Options.Add(demo);
        command.SetAction((result, ct) =>
        {
            var overrides = binder.Overrides(result, "inmemory");
            if (!result.GetValue(demo)) return ServiceRunner.RunAsync(ServiceCatalog.All(), overrides, banner: true, ct);
            Demo.DemoSetup.Configure(overrides);
            return ServiceRunner.RunAsync(ServiceCatalog.All(), overrides, banner: true, ct, Demo.DemoSetup.StartAsync);
        });
        return command;
    }
}
