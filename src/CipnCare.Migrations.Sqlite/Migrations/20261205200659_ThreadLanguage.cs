using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CipnCare.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class ThreadLanguage : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "Language",
                table: "MessageThreads",
                type: "TEXT",
                maxLength: 8,
                nullable: false,
                defaultValue: "en");

            // Threads started before: the language of their first message (the same SQL on both providers).
            migrationBuilder.Sql("""
                UPDATE "MessageThreads" SET "Language" = COALESCE(
                    (SELECT m."Language" FROM "Messages" AS m WHERE m."ThreadId" = "MessageThreads"."Id" ORDER BY m."SentAt" LIMIT 1), 'en');
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "Language",
                table: "MessageThreads");
        }
    }
}
