using System.Runtime.InteropServices;

namespace BetterHarness.Ingest.Assembly;

/// <summary>
/// Lowers the calling thread's scheduling priority (Linux nice +10, per thread). Lowering needs no
/// privilege; elsewhere, or if the call fails, the thread keeps normal priority.
/// </summary>
internal static partial class BackgroundPriority
{
    private const int PrioProcess = 0;
    private const int Nice = 10;

    public static bool LowerCurrentThread()
    {
        if (!OperatingSystem.IsLinux()) return false;
        try
        {
            // With PRIO_PROCESS and a thread id, Linux applies the nice value to that thread alone.
            return SetPriority(PrioProcess, GetTid(), Nice) == 0;
        }
        catch (Exception ex) when (ex is DllNotFoundException or EntryPointNotFoundException)
        {
            return false;
        }
    }

    [LibraryImport("libc", EntryPoint = "setpriority", SetLastError = true)]
    private static partial int SetPriority(int which, int who, int prio);

    [LibraryImport("libc", EntryPoint = "gettid")]
    private static partial int GetTid();
}
