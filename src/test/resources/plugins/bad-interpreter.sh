#!/nonexistent/interpreter
echo "never runs"
