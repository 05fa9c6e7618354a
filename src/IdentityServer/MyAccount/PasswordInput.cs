using System.ComponentModel.DataAnnotations;

namespace Sso.IdentityServer.MyAccount;

/// <summary>What the change-password form posts. The length rule is Identity's (Accounts:MinimumPasswordLength).</summary>
public sealed class PasswordInput
{
    [Required(ErrorMessage = "Enter your current password.")]
    [StringLength(1024)]
    [DataType(DataType.Password)]
    [Display(Name = "Current password")]
    public string CurrentPassword { get; set; } = "";

    [Required(ErrorMessage = "Choose a new password.")]
    [StringLength(1024)]
    [DataType(DataType.Password)]
    [Display(Name = "New password")]
    public string NewPassword { get; set; } = "";

    [Required(ErrorMessage = "Type the new password again.")]
    [StringLength(1024)]
    [DataType(DataType.Password)]
    [Compare(nameof(NewPassword), ErrorMessage = "The two new passwords are not the same.")]
    [Display(Name = "New password again")]
    public string ConfirmPassword { get; set; } = "";
}
