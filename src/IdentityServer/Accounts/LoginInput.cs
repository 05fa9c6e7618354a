using System.ComponentModel.DataAnnotations;

namespace Sso.IdentityServer.Accounts;

/// <summary>What the sign-in form posts.</summary>
public sealed class LoginInput
{
    [Required(ErrorMessage = "Enter your user name.")]
    [StringLength(256)]
    [Display(Name = "User name")]
    public string UserName { get; set; } = "";

    [Required(ErrorMessage = "Enter your password.")]
    [StringLength(1024)]
    [DataType(DataType.Password)]
    public string Password { get; set; } = "";
}
