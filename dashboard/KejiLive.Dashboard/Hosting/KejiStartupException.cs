namespace KejiLive.Dashboard.Hosting;

/// <summary>Start-up input an operator has to fix: a malformed setting, an unreadable file, a busy port, a data directory
/// another process holds. Its <see cref="Exception.Message"/> is one line that names the problem and the key to change;
/// <see cref="KejiStartup.RunAsync"/> prints it after "KejiLive will not start: " and exits with code 2, without a stack
/// trace. Thrown only while a host is composed, never once it runs.</summary>
public sealed class KejiStartupException(string message) : Exception(message);
