from bulkship.cli import main

main()
