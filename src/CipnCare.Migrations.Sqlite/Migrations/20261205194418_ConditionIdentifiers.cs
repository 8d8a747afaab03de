using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CipnCare.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class ConditionIdentifiers : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "ConditionIdentifiers",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    ConditionId = table.Column<Guid>(type: "TEXT", nullable: false),
                    System = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Value = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ConditionIdentifiers", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ConditionIdentifiers_CancerConditions_ConditionId",
                        column: x => x.ConditionId,
                        principalTable: "CancerConditions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_ConditionIdentifiers_ConditionId",
                table: "ConditionIdentifiers",
                column: "ConditionId");

            migrationBuilder.CreateIndex(
                name: "IX_ConditionIdentifiers_System_Value",
                table: "ConditionIdentifiers",
                columns: new[] { "System", "Value" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ConditionIdentifiers");
        }
    }
}
