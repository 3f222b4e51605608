using System;

namespace OktaEventHooks;

/// <summary>
/// Which runtime family the module runs on, for the two places that differ: the dependency loader (lib/Desktop or
/// lib/Core) and the client's TLS settings. Here because both the module and the client reference this assembly and
/// it loads before either needs the answer.
/// </summary>
internal static class RuntimeProfile
{
    /// <summary>
    /// .NET Framework (Windows PowerShell 5.1) and runtimes of its profile (Mono): mscorlib is the core library. On
    /// .NET (Core), PowerShell 7, it is System.Private.CoreLib.
    /// </summary>
    public static bool IsFramework { get; } =
        string.Equals(typeof(object).Assembly.GetName().Name, "mscorlib", StringComparison.Ordinal);
}
