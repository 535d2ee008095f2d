namespace Silo.Hosting.Settings;

/// <summary>A setting whose value is never printed in a start-up refusal (keys, passwords, connection strings).</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class SecretSettingAttribute : Attribute;
