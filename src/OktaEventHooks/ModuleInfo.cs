using System.Runtime.InteropServices;

namespace OktaEventHooks;

/// <summary>Facts about this build of the module.</summary>
internal static class ModuleInfo
{
    /// <summary>The module version (ModuleVersion of the manifest, stamped in by build.ps1).</summary>
    public static readonly string Version =
        typeof(ModuleInfo).Assembly.GetName().Version?.ToString(3) ?? "0.0.0";

    public static readonly string UserAgent =
        "OktaEventHooks/" + Version + " (" + RuntimeInformation.OSDescription.Trim() + "; " +
        RuntimeInformation.FrameworkDescription.Trim() + ")";
}
