using System.IO;
using System.Management.Automation;

namespace OktaEventHooks;

/// <summary>
/// Files the user names (-Path, -PrivateKeyPath): checked before anything is read, sent or written, so that a
/// directory, a missing folder, a pipe or a huge file gives a clear error naming the parameter instead of a hang.
/// </summary>
internal static class LocalFile
{
    /// <summary>
    /// The text of a regular file of at most <paramref name="maxBytes"/>. A path that is missing, a directory, empty
    /// or not a regular file (a pipe or device has no length) is a terminating error naming <paramref name="parameter"/>.
    /// </summary>
    public static string ReadText(PSCmdlet cmdlet, string parameter, string path, long maxBytes, string whatItHolds)
    {
        var full = cmdlet.SessionState.Path.GetUnresolvedProviderPathFromPSPath(path);
        string? problem = null;
        if (Directory.Exists(full))
        {
            problem = $"'{full}' is a folder. Allowed: a file with {whatItHolds}.";
        }
        else if (!File.Exists(full))
        {
            problem = $"'{full}' does not exist. Allowed: a file with {whatItHolds}.";
        }
        else
        {
            var info = new FileInfo(full);
            if (info.Length == 0)
            {
                // A named pipe or a device also reports no length: reading it could wait forever.
                problem = $"'{full}' is empty or not a regular file. Allowed: a file with {whatItHolds}.";
            }
            else if (info.Length > maxBytes)
            {
                problem = $"'{full}' has {info.Length} bytes. Allowed: a file with {whatItHolds}, at most {maxBytes / 1024} KB.";
            }
        }

        if (problem != null)
        {
            cmdlet.ThrowTerminatingError(OktaErrorRecord.InvalidParameter(parameter, full, problem));
        }

        try
        {
            return File.ReadAllText(full);
        }
        catch (System.Exception ex) when (ex is IOException || ex is System.UnauthorizedAccessException)
        {
            cmdlet.ThrowTerminatingError(OktaErrorRecord.InvalidParameter(parameter, full, $"'{full}' cannot be read: {ex.Message}"));
            throw;
        }
    }

    /// <summary>
    /// The full path of a file to write: literal (wildcard characters are refused, not written into a file name), in a
    /// folder that exists, and not itself a folder. A terminating error naming <paramref name="parameter"/> otherwise.
    /// </summary>
    public static string OutputPath(PSCmdlet cmdlet, string parameter, string path)
    {
        string? problem = null;
        var full = cmdlet.SessionState.Path.GetUnresolvedProviderPathFromPSPath(path);
        if (WildcardPattern.ContainsWildcardCharacters(path))
        {
            problem = $"'{path}' contains wildcard characters (* ? [ ]). Allowed: the literal path of the file to write, e.g. ./hooks.json.";
        }
        else if (Directory.Exists(full))
        {
            problem = $"'{full}' is a folder. Allowed: the path of a file to write, e.g. {Path.Combine(full, "hooks.json")}.";
        }
        else if (Path.GetDirectoryName(full) is string folder && folder.Length > 0 && !Directory.Exists(folder))
        {
            problem = $"The folder '{folder}' does not exist. Allowed: a file in an existing folder.";
        }

        if (problem != null)
        {
            cmdlet.ThrowTerminatingError(OktaErrorRecord.InvalidParameter(parameter, path, problem));
        }

        return full;
    }
}
