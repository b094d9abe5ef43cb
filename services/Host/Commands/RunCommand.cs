using System.CommandLine;

namespace BetterHarness.Host.Commands;

/// <summary><c>bh run NAME</c>: one service in its own process (distributed mode, RabbitMQ by default).</summary>
public static class RunCommand
{
    public static Command Create()
    {
        var binder = new HostOptionsBinder();
        var name = new Argument<string>("service") { Description = "Service to run: " + string.Join(", ", ServiceCatalog.All().Select(m => m.Name)) };
        var command = new Command("run", "Run one service in this process (distributed mode; --transport rabbitmq by default).") { name };
        binder.AddTo(command);
        command.SetAction(async (result, ct) =>
        {
            var module = ServiceCatalog.Find(result.GetValue(name)!);
            if (module is null)
            {
                await Console.Error.WriteLineAsync($"bh: unknown service '{result.GetValue(name)}'; choose one of: " +
                                                   string.Join(", ", ServiceCatalog.All().Select(m => m.Name)));
                return 2;
            }
            return await ServiceRunner.RunAsync([module], binder.Overrides(result, "rabbitmq"), banner: true, ct);
        });
        return command;
    }
}
