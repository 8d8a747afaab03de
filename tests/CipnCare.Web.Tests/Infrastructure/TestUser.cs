namespace CipnCare.Web.Tests.Infrastructure;

public sealed record TestUser(string UserId, string Email, string Password, string Role, string DisplayName);
