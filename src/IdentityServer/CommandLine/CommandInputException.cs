namespace Sso.IdentityServer.CommandLine;

/// <summary>An option's value could not be read (a lifetime that is not a time span, an unknown client type).</summary>
public sealed class CommandInputException : Exception
{
    public CommandInputException(string option, string message)
        : base(message) => Option = option;

    public CommandInputException()
        : this("", "The command line is not valid.")
    {
    }

    public CommandInputException(string message)
        : this("", message)
    {
    }

    public CommandInputException(string message, Exception innerException)
        : base(message, innerException) => Option = "";

    public string Option { get; }
}
