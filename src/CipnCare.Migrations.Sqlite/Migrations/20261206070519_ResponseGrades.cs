using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CipnCare.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class ResponseGrades : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "MotorGrade",
                table: "InstrumentResponses",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "SensoryGrade",
                table: "InstrumentResponses",
                type: "INTEGER",
                nullable: true);

            // Responses stored before: their grades from their grade scores, truncated as the app reads a score as a grade
            // (null where their instrument scores none).
            migrationBuilder.Sql("""
                UPDATE "InstrumentResponses" SET
                    "SensoryGrade" = (SELECT CAST(s."Value" AS INTEGER) FROM "ResponseScores" AS s WHERE s."ResponseId" = "InstrumentResponses"."Id" AND s."Code" = 'pro-sensory-grade' LIMIT 1),
                    "MotorGrade" = (SELECT CAST(s."Value" AS INTEGER) FROM "ResponseScores" AS s WHERE s."ResponseId" = "InstrumentResponses"."Id" AND s."Code" = 'pro-motor-grade' LIMIT 1);
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "MotorGrade",
                table: "InstrumentResponses");

            migrationBuilder.DropColumn(
                name: "SensoryGrade",
                table: "InstrumentResponses");
        }
    }
}
